import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { RegisterBookEntity } from './register-book.entity';

/** REG-7: the year-end closing of a register book, with its totals and signer. A fact. */
@Entity('register_book_closures')
@Unique('uq_register_book_closure', ['bookId'])
export class RegisterBookClosureEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_register_book_closure' })
  id!: string;

  @Column('uuid')
  bookId!: string;

  @ManyToOne(() => RegisterBookEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'book_id', foreignKeyConstraintName: 'fk_register_book_closure_book' })
  book?: RegisterBookEntity;

  @Column('date')
  closedOn!: string;

  @Column('int')
  entries!: number;

  @Column('int')
  lastSequence!: number;

  @Column('text')
  signerName!: string;

  @Column('text')
  signerTitle!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
